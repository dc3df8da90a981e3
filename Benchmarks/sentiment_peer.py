"""Peers for Benchmarks/sentiment.sh: the same sentiment classifiers in PyTorch, a tf-idf logistic
regression baseline, the folds files, and the results table.

    python sentiment_peer.py folds --data F.tsv --label-column label --k 10 --seed 1 --output F.folds
    python sentiment_peer.py torch --data F.tsv --text-column text --label-column label \\
        --folds-file F.folds --config-json '{"event": "config", ...}' [--only-fold 0] [--embeddings V.bin]
    python sentiment_peer.py tfidf --data F.tsv --text-column text --label-column label --folds-file F.folds
    python sentiment_peer.py report RESULTS.jsonl [...]
    python sentiment_peer.py selfcheck     # tokenizer vs recorded Keras outputs; masking vs unpadded runs

Everything follows Benchmarks/../CONTRACT-sentiment (the SentimentBenchmark side):
- Data: a TSV with a header, split at every tab and line break (no quoting); labels are the distinct
  values of the label column sorted as strings; 2 labels = binary (positive = the second label).
- Folds file: one integer fold id per data row. Without --only-fold every fold is the test set once
  (k-fold CV); with --only-fold K only fold K is (e.g. 5 folds + fold 0 = an 80/20 held-out split).
  `folds` writes a stratified assignment: per label (sorted), that label's rows in a numpy
  permutation (seeded), then all rows numbered in that order and row number i gets fold i mod k.
- `torch` copies the configuration line SentimentBenchmark prints: Keras Tokenizer (lower-case,
  Keras filters, split on spaces, index by count with ties by first occurrence, ids < num_words,
  optional word bigrams after the unigrams, fitted on the training rows of the fold), pre-padding and
  pre-truncation to max_length, or texts_to_matrix (binary/count/freq/tfidf) for the MLP; Keras
  initialisers (glorot_uniform kernels, orthogonal recurrent kernels, zero biases, LSTM forget bias
  1, embeddings uniform ±0.05); LSTM/GRU (GRU with reset_after, PyTorch's formulation) with
  Keras's input dropout (one mask per sequence) and, when recurrent_dropout > 0, an unrolled loop
  with Keras's recurrent mask; Embedding mask_zero (when the config says so: Keras's default is
  off) skips the padding exactly (see Recurrent); Adam (PyTorch's fused CPU kernel) / RMSprop with
  Keras's epsilon 1e-7; shuffled mini-batches every epoch; early stopping on
  val_loss computed on validation_fraction of the training rows (early_stopping.split: "last" =
  the last rows, Keras validation_split, the default; "interleaved" = row i of the training rows is
  held out when floor((i+1) f) > floor(i f)), stopping after `patience` epochs without improvement,
  restoring the best epoch's weights when restore_best_weights is true. Also understood: Dense
  kernel_regularizer {"l2": x} (x * sum(w^2) added to the loss and val_loss, as Keras), tokenizer
  mode "nb-binary" (binary presence x naive-Bayes log-count ratios of the fit rows, binary tasks),
  optimizer clipnorm/clipvalue/global_clipnorm, and config lines with "fold": k (used for fold k
  only, e.g. a per-fold max_length). Unknown layer types, optimizer settings, matrix modes and
  recurrent activations other than tanh/sigmoid are errors; other unknown keys are ignored. The
  sigmoid/softmax of the last Dense layer is folded into the loss (BCEWithLogits / CrossEntropy),
  which is the same function.
  An ensemble config line ({"model": "ensemble", "members": [config line, ...]}, SentimentEnsemble)
  trains every member as above on the same fold (same seed) and averages their class
  probabilities (sigmoid / softmax of the logits); the fold line's "members" has each member's own
  scores. train_seconds and train_samples add up the members'.
  train_seconds covers building the model and all epochs (with the per-epoch validation loss), not
  reading the file, tokenizing or vectorizing; train_samples = fitted rows x epochs run.
- `tfidf`: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True) fitted on the training rows,
  LogisticRegressionCV (saga solver) choosing C from 1, 4, 16, 64, 256 by 3-fold stratified CV inside
  the training rows (accuracy; the idf comes from all training rows, never the test fold), refitted
  on all training rows, evaluated on the test fold. train_seconds covers the vectorizer fit, the
  inner CV and the refit.
Fold lines (JSON, one per test fold) carry accuracy, precision, recall, F1 (positive class for
binary, macro for multi-class), confusion (rows = true label), train_seconds, train_samples,
samples_per_second, epochs_run.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time
import warnings
from collections import OrderedDict, defaultdict

import numpy as np

KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def log(message):
    print(f"sentiment_peer: {message}", file=sys.stderr, flush=True)


def fail(message):
    raise SystemExit(f"sentiment_peer: error: {message}")


# ----------------------------------------------------------------------------------------------
# Data and folds


def read_tsv(path, text_column, label_column):
    """Rows of a header TSV split at every tab; returns texts, label strings."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    lines = [line[:-1] if line.endswith("\r") else line for line in raw.decode("utf-8", "replace").split("\n")]
    lines = [line for line in lines if line != ""]
    if not lines:
        fail(f"{path}: empty file")
    header = lines[0].split("\t")
    for column in (text_column, label_column):
        if column is not None and column not in header:
            fail(f"{path}: no column {column!r} in the header {header}")
    label_at = header.index(label_column)
    text_at = header.index(text_column) if text_column is not None else None
    texts, labels = [], []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(header):
            fail(f"{path}:{number}: {len(fields)} fields, the header has {len(header)}")
        labels.append(fields[label_at])
        texts.append(fields[text_at] if text_at is not None else "")
    return texts, labels


def label_ids(labels):
    names = sorted(set(labels))
    if len(names) < 2:
        fail(f"need at least 2 distinct labels, found {names}")
    index = {name: i for i, name in enumerate(names)}
    return names, np.array([index[label] for label in labels], dtype=np.int64)


def read_folds(path, rows):
    with open(path) as f:
        values = [line.strip() for line in f if line.strip() != ""]
    if len(values) != rows:
        fail(f"{path}: {len(values)} fold ids for {rows} data rows")
    try:
        folds = np.array([int(v) for v in values], dtype=np.int64)
    except ValueError as error:
        fail(f"{path}: {error}")
    if folds.min() < 0:
        fail(f"{path}: negative fold id {folds.min()}")
    return folds


def test_folds(folds, only_fold):
    k = int(folds.max()) + 1
    if only_fold is None:
        return list(range(k))
    if not 0 <= only_fold < k:
        fail(f"--only-fold {only_fold} is not a fold id (0..{k - 1})")
    return [only_fold]


def command_folds(args):
    _, labels = read_tsv(args.data, None, args.label_column)
    names, y = label_ids(labels)
    rng = np.random.default_rng(args.seed)
    order = np.concatenate([rng.permutation(np.flatnonzero(y == c)) for c in range(len(names))])
    folds = np.empty(len(y), dtype=np.int64)
    folds[order] = np.arange(len(y)) % args.k
    tmp = args.output + ".tmp"
    with open(tmp, "w") as f:
        f.write("".join(f"{v}\n" for v in folds))
    os.replace(tmp, args.output)
    log(f"{args.output}: {len(y)} rows in {args.k} stratified folds (seed {args.seed})")


# ----------------------------------------------------------------------------------------------
# Metrics and output


def metrics(y_true, y_pred, classes):
    confusion = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(confusion, (y_true, y_pred), 1)
    accuracy = float(np.trace(confusion) / max(1, confusion.sum()))

    def prf(c):
        tp = confusion[c, c]
        predicted, actual = confusion[:, c].sum(), confusion[c, :].sum()
        p = tp / predicted if predicted else 0.0
        r = tp / actual if actual else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    if classes == 2:
        p, r, f = prf(1)
    else:
        p, r, f = (float(np.mean(v)) for v in zip(*(prf(c) for c in range(classes))))
    return {"accuracy": accuracy, "precision": float(p), "recall": float(r), "f1": float(f),
            "confusion": confusion.tolist()}


def emit(record):
    print(json.dumps(record), flush=True)


# ----------------------------------------------------------------------------------------------
# Keras Tokenizer


def text_to_words(text, filters, lower):
    if lower:
        text = text.lower()
    text = text.translate(str.maketrans({c: " " for c in filters}))
    return [w for w in text.split(" ") if w]


class KerasTokenizer:
    """keras.preprocessing.text.Tokenizer (fit_on_texts, texts_to_sequences, texts_to_matrix), with
    optional word bigrams appended after the unigrams of each text."""

    def __init__(self, num_words, filters, lower, ngrams):
        self.num_words, self.filters, self.lower, self.ngrams = num_words, filters, lower, ngrams

    def tokens(self, text):
        words = text_to_words(text, self.filters, self.lower)
        if self.ngrams >= 2:
            words = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
        return words

    def fit(self, texts):
        counts, docs = OrderedDict(), defaultdict(int)
        for text in texts:
            tokens = self.tokens(text)
            for w in tokens:
                counts[w] = counts.get(w, 0) + 1
            for w in set(tokens):
                docs[w] += 1
        ordered = sorted(counts.items(), key=lambda item: item[1], reverse=True)  # stable: ties by first seen
        self.word_index = {w: i + 1 for i, (w, _) in enumerate(ordered)}
        self.index_docs = {self.word_index[w]: n for w, n in docs.items()}
        self.document_count = len(texts)
        return self

    def limit(self):
        return self.num_words if self.num_words else len(self.word_index) + 1

    def sequences(self, texts):
        limit, index = self.limit(), self.word_index
        out = []
        for text in texts:
            ids = (index.get(w) for w in self.tokens(text))
            out.append([i for i in ids if i is not None and i < limit])
        return out

    def matrix(self, texts, mode):
        """texts_to_matrix as a scipy CSR matrix [texts, num_words] (rows densified per batch)."""
        import scipy.sparse as sp
        width, data, indices, indptr = self.limit(), [], [], [0]
        idf_docs = self.document_count
        for seq in self.sequences(texts):
            counts = defaultdict(int)
            for j in seq:
                counts[j] += 1
            for j in sorted(counts):
                c = counts[j]
                if mode == "binary":
                    v = 1.0
                elif mode == "count":
                    v = float(c)
                elif mode == "freq":
                    v = c / len(seq)
                elif mode == "tfidf":
                    v = (1 + math.log(c)) * math.log(1 + idf_docs / (1 + self.index_docs.get(j, 0)))
                else:
                    fail(f"unknown texts_to_matrix mode {mode!r}")
                indices.append(j)
                data.append(v)
            indptr.append(len(indices))
        return sp.csr_matrix((np.array(data, np.float32), np.array(indices, np.int64), np.array(indptr, np.int64)),
                             shape=(len(texts), width))


NB_MODES = ("nb-binary", "nb_binary", "nbBinary", "nbsvm")


def naive_bayes_ratios(binary_matrix, rows, y):
    """Per column: ln((p/|p|1) / (q/|q|1)), p and q = 1 + the number of fit rows of the second label
    (q: the others) containing the token; column 0 (padding) gets 0."""
    positive = 1 + np.asarray(binary_matrix[rows[y[rows] == 1]].sum(axis=0)).ravel()
    negative = 1 + np.asarray(binary_matrix[rows[y[rows] != 1]].sum(axis=0)).ravel()
    ratios = np.log((positive / positive.sum()) / (negative / negative.sum())).astype(np.float32)
    ratios[0] = 0
    return ratios.reshape(1, -1)


def pad_pre(sequences, length):
    out = np.zeros((len(sequences), length), dtype=np.int64)
    for row, seq in enumerate(sequences):
        seq = seq[-length:]
        if seq:
            out[row, length - len(seq):] = seq
    return out


# ----------------------------------------------------------------------------------------------
# word2vec files


def load_word_vectors(path):
    """A word2vec.c .bin or .txt file → (dict word → row, matrix [words, dim] float32)."""
    with open(path, "rb") as f:
        data = f.read()
    end = data.find(b"\n")
    try:
        count, dim = (int(v) for v in data[:end].split())
    except ValueError:
        fail(f"{path}: the first line is not a word2vec header 'WORDS DIMENSION'")
    if count <= 0 or dim <= 0 or dim > 100000:
        fail(f"{path}: implausible header {count} x {dim}")
    words, pos = {}, end + 1
    binary = not path.endswith((".txt", ".vec"))
    matrix = np.empty((count, dim), dtype=np.float32)
    if binary:
        if count * dim * 4 > len(data):
            fail(f"{path}: header promises {count} x {dim} floats, the file has {len(data)} bytes")
        for row in range(count):
            space = data.find(b" ", pos)
            if space < 0 or space + 1 + 4 * dim > len(data):
                fail(f"{path}: truncated at vector {row + 1} of {count}")
            word = data[pos:space].lstrip(b"\n").decode("utf-8", "replace")
            matrix[row] = np.frombuffer(data, dtype="<f4", count=dim, offset=space + 1)
            words.setdefault(word, row)
            pos = space + 1 + 4 * dim
            if pos < len(data) and data[pos:pos + 1] == b"\n":
                pos += 1
    else:
        lines = data[pos:].decode("utf-8", "replace").split("\n")
        lines = [line for line in lines if line.strip()]
        if len(lines) < count:
            fail(f"{path}: header promises {count} vectors, found {len(lines)} lines")
        for row, line in enumerate(lines[:count]):
            parts = line.rstrip().split(" ")
            if len(parts) != dim + 1:
                fail(f"{path}:{row + 2}: {len(parts) - 1} values, expected {dim}")
            matrix[row] = np.array(parts[1:], dtype=np.float32)
            words.setdefault(parts[0], row)
    return words, matrix


def find_vectors_file(path):
    """The peer reads .bin/.txt; for ours' .w2vmodel use the .bin next to it (sentiment.sh writes it)."""
    if path.endswith(".w2vmodel"):
        candidate = path[: -len(".w2vmodel")] + ".bin"
        if not os.path.exists(candidate):
            fail(f"{path} is the native format; convert it with `w2v convert {path} {candidate}` "
                 f"or pass --embeddings FILE.bin")
        return candidate
    return path


# ----------------------------------------------------------------------------------------------
# PyTorch model from the configuration line


def build_model(config, classes, input_width, vectors_table):
    """Returns (torch module, loss function, takes_sequences)."""
    import torch
    import torch.nn as nn

    layers = config.get("layers") or fail("the config has no 'layers'")
    dense_indices = [i for i, layer in enumerate(layers) if layer.get("type") == "Dense"]
    if not dense_indices:
        fail("the config has no Dense layer")
    last = layers[dense_indices[-1]]
    binary_output = last["units"] == 1
    if binary_output and classes != 2:
        fail(f"Dense(1) output for {classes} classes")
    if not binary_output and last["units"] != classes:
        fail(f"the output layer has {last['units']} units for {classes} classes")

    def glorot(weight):  # weight [out, in] = Keras kernel [in, out] transposed; same limit
        nn.init.xavier_uniform_(weight)

    def recurrent_cell(spec, cell_type, input_size):
        cls = nn.LSTM if cell_type == "LSTM" else nn.GRU
        rnn = cls(input_size, spec["units"], batch_first=True)
        units = spec["units"]
        with torch.no_grad():
            glorot(rnn.weight_ih_l0)
            nn.init.orthogonal_(rnn.weight_hh_l0)  # Keras orthogonal [units, gates*units], transposed
            rnn.bias_ih_l0.zero_()
            rnn.bias_hh_l0.zero_()
            if cell_type == "LSTM" and spec.get("unit_forget_bias", True):
                rnn.bias_ih_l0[units:2 * units] = 1.0  # Keras unit_forget_bias (gate order i, f, g, o on both)
        return rnn

    class Recurrent(nn.Module):
        """One Keras recurrent layer, or a Bidirectional one (two independent cells, as in Keras).

        Inputs are pre-padded [batch, time, features] with an optional mask (Embedding mask_zero).
        Each direction runs on a "post-padded" copy (real steps first): the forward cell on the
        sequence rolled left by its padding, the backward cell on the time-reversed sequence; the
        state after the last real step is the output at step length-1, which is exactly Keras's
        result with masked steps skipped (a cell's output at step t depends on steps <= t only).
        Outputs are moved back to the input's positions and zeroed at masked steps."""

        def __init__(self, spec, cell_type, input_size, bidirectional, merge_mode):
            super().__init__()
            self.cells = nn.ModuleList([recurrent_cell(spec, cell_type, input_size)
                                        for _ in range(2 if bidirectional else 1)])
            self.cell_type, self.units, self.bidirectional = cell_type, spec["units"], bidirectional
            self.return_sequences = bool(spec.get("return_sequences", False))
            self.dropout = float(spec.get("dropout", 0) or 0)
            self.recurrent_dropout = float(spec.get("recurrent_dropout", 0) or 0)
            self.merge_mode = merge_mode

        def merge(self, outputs):
            if not self.bidirectional:
                return outputs[0]
            forward, backward = outputs
            if self.merge_mode == "concat":
                return torch.cat([forward, backward], dim=-1)
            if self.merge_mode == "sum":
                return forward + backward
            if self.merge_mode == "mul":
                return forward * backward
            if self.merge_mode == "ave":
                return (forward + backward) / 2
            fail(f"unknown merge_mode {self.merge_mode!r}")

        def input_dropout(self, x):
            if self.training and self.dropout > 0:  # Keras: one input mask per sequence, all steps
                keep = 1 - self.dropout
                x = x * torch.bernoulli(torch.full((x.shape[0], 1, x.shape[2]), keep)) / keep
            return x

        def forward(self, x, mask):
            batch, steps, _ = x.shape
            if mask is None:
                lengths = torch.full((batch,), steps, dtype=torch.long)
            else:
                lengths = mask.sum(dim=1)
            unrolled = self.recurrent_dropout > 0 and self.training
            shift = (torch.arange(steps).unsqueeze(0) + (steps - lengths).unsqueeze(1)) % steps
            back = (torch.arange(steps).unsqueeze(0) - (steps - lengths).unsqueeze(1)) % steps
            finals, sequences = [], []
            for direction, cell in enumerate(self.cells):
                inputs = self.input_dropout(x)  # each direction draws its own mask, as Keras's two layers
                if direction == 0:
                    post = inputs if mask is None else torch.gather(inputs, 1, shift.unsqueeze(2).expand_as(inputs))
                else:
                    post = inputs.flip(1)
                output = self.unrolled(cell, post, lengths) if unrolled else cell(post)[0]
                last = output[torch.arange(batch), (lengths - 1).clamp(min=0)]
                finals.append(last * (lengths > 0).unsqueeze(1).to(last.dtype))
                if self.return_sequences:
                    if direction == 0:
                        if mask is not None:
                            output = torch.gather(output, 1, back.unsqueeze(2).expand_as(output))
                    else:
                        output = output.flip(1)
                    if mask is not None:
                        output = output * mask.unsqueeze(2).to(output.dtype)
                    sequences.append(output)
            if self.return_sequences:
                return self.merge(sequences), mask
            return self.merge(finals), None

        def unrolled(self, cell, x, lengths):
            """Keras's loop with recurrent dropout (one mask on the state fed to the recurrent
            kernel) over post-padded input; steps past a row's length are never read."""
            xs = x @ cell.weight_ih_l0.t() + cell.bias_ih_l0
            batch, steps, _ = x.shape
            keep = 1 - self.recurrent_dropout
            rmask = torch.bernoulli(torch.full((batch, self.units), keep)) / keep
            h = x.new_zeros(batch, self.units)
            c = x.new_zeros(batch, self.units)
            outputs = []
            for t in range(int(lengths.max().item()) if batch else 0):
                gh = (h * rmask) @ cell.weight_hh_l0.t() + cell.bias_hh_l0
                if self.cell_type == "LSTM":
                    i, f, g, o = (xs[:, t] + gh).chunk(4, dim=1)
                    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                    h = torch.sigmoid(o) * torch.tanh(c)
                else:
                    ri, zi, ni = xs[:, t].chunk(3, dim=1)
                    rh, zh, nh = gh.chunk(3, dim=1)
                    r, z = torch.sigmoid(ri + rh), torch.sigmoid(zi + zh)
                    h = (1 - z) * torch.tanh(ni + r * nh) + z * h
                outputs.append(h)
            outputs += [h.new_zeros(batch, self.units)] * (steps - len(outputs))
            return torch.stack(outputs, dim=1)

    class Pooling(nn.Module):
        def __init__(self, kind):
            super().__init__()
            self.kind = kind

        def forward(self, x, mask):
            if mask is None:
                return (x.mean(dim=1) if self.kind == "average" else x.max(dim=1).values), None
            m = mask.unsqueeze(2).to(x.dtype)
            if self.kind == "average":
                return (x * m).sum(dim=1) / m.sum(dim=1).clamp(min=1), None
            peak = x.masked_fill(m == 0, float("-inf")).max(dim=1).values
            return torch.where(m.sum(dim=1) > 0, peak, torch.zeros_like(peak)), None  # all masked → 0

    class Network(nn.Module):
        def __init__(self):
            super().__init__()
            self.steps = nn.ModuleList()
            self.kinds = []
            self.l2 = []  # (weight, factor): Keras kernel_regularizer l2, factor * sum(w^2) added to the loss

        def penalty(self):
            return sum((factor * weight.pow(2).sum() for weight, factor in self.l2), torch.zeros(()))

        def add(self, kind, module):
            self.steps.append(module)
            self.kinds.append(kind)

        def forward(self, x):
            mask = None
            for kind, module in zip(self.kinds, self.steps):
                if kind == "embedding":
                    if module.mask_zero:
                        mask = x != 0
                    x = module(x)
                elif kind in ("recurrent", "pooling"):
                    x, mask = module(x, mask)
                elif kind == "flatten":
                    x, mask = x.reshape(x.shape[0], -1), None
                else:
                    x = module(x)
            return x.squeeze(1) if binary_output else x

    network = Network()
    width, has_time, takes_sequences = input_width, False, False
    max_length = config.get("tokenizer", {}).get("max_length")
    model_name = config.get("model", "")
    activations = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "elu": nn.ELU, "gelu": nn.GELU}
    for index, spec in enumerate(layers):
        kind = spec.get("type")
        if kind == "Embedding":
            if index != 0:
                fail("Embedding must be the first layer")
            embedding = nn.Embedding(spec["input_dim"], spec["output_dim"])
            with torch.no_grad():
                if vectors_table is not None:
                    embedding.weight.copy_(torch.from_numpy(vectors_table))
                else:
                    embedding.weight.uniform_(-0.05, 0.05)
            embedding.weight.requires_grad_(bool(spec.get("trainable", True)))
            embedding.mask_zero = bool(spec.get("mask_zero", False))
            network.add("embedding", embedding)
            width, has_time, takes_sequences = spec["output_dim"], True, True
        elif kind in ("LSTM", "GRU", "Bidirectional"):
            if not has_time:
                fail(f"layer {index} ({kind}) needs a sequence input")
            bidirectional = kind == "Bidirectional"
            cell = kind
            if bidirectional:
                inner = spec.get("layer") or spec.get("cell") or spec.get("wrapped")
                if isinstance(inner, dict):
                    spec = {**spec, **{k: v for k, v in inner.items() if k != "type"}}
                    inner = inner.get("type")
                cell = inner or ("GRU" if "gru" in model_name else "LSTM")
                if cell not in ("LSTM", "GRU"):
                    fail(f"Bidirectional around {cell!r} is not supported")
            merge_mode = spec.get("merge_mode") or "concat"
            if spec.get("activation", "tanh") != "tanh" or spec.get("recurrent_activation", "sigmoid") != "sigmoid":
                fail(f"layer {index}: only tanh / sigmoid recurrent activations are supported")
            if spec.get("reset_after", True) is not True:
                fail(f"layer {index}: only GRU reset_after=true (PyTorch's formulation) is supported")
            network.add("recurrent", Recurrent(spec, cell, width, bidirectional, merge_mode))
            units = spec["units"]
            width = 2 * units if bidirectional and merge_mode == "concat" else units
            has_time = bool(spec.get("return_sequences", False))
        elif kind in ("GlobalAveragePooling1D", "GlobalMaxPooling1D"):
            network.add("pooling", Pooling("average" if "Average" in kind else "max"))
            has_time = False
        elif kind == "Flatten":
            if has_time:
                width *= max_length or fail("Flatten after a sequence needs tokenizer.max_length")
            network.add("flatten", nn.Identity())
            has_time = False
        elif kind == "Dropout":
            network.add("dropout", nn.Dropout(float(spec.get("rate", 0))))
        elif kind == "Dense":
            if has_time:
                fail("Dense on a sequence (TimeDistributed) is not supported")
            linear = nn.Linear(width, spec["units"])
            glorot(linear.weight)
            nn.init.zeros_(linear.bias)
            network.add("dense", linear)
            regularizer = spec.get("kernel_regularizer")
            factor = regularizer.get("l2") if isinstance(regularizer, dict) else spec.get("l2")
            if isinstance(regularizer, dict) and set(regularizer) - {"l2", "type", "name"}:
                fail(f"unsupported kernel_regularizer {regularizer}")
            if factor:
                network.l2.append((linear.weight, float(factor)))
            width = spec["units"]
            activation = spec.get("activation") or "linear"
            if index == dense_indices[-1]:
                expected = "sigmoid" if binary_output else "softmax"
                if activation not in (expected, "linear"):
                    fail(f"output activation {activation!r}, expected {expected}")
            elif activation != "linear":
                if activation not in activations:
                    fail(f"unsupported activation {activation!r}")
                network.add("activation", activations[activation]())
        else:
            fail(f"unsupported layer type {kind!r} in the config")
    loss = nn.BCEWithLogitsLoss() if binary_output else nn.CrossEntropyLoss()
    return network, loss, takes_sequences


def make_optimizer(config, parameters):
    import torch
    spec = config.get("optimizer") or {}
    name = (spec.get("name") or "adam").lower()
    lr = float(spec.get("learning_rate", 0.001))
    if name == "adam":  # fused: PyTorch's fastest CPU Adam (10x the default on 1M-parameter tables here)
        options = dict(lr=lr, betas=(spec.get("beta_1", 0.9), spec.get("beta_2", 0.999)), eps=spec.get("epsilon", 1e-7))
        try:
            return torch.optim.Adam(parameters, fused=True, **options)
        except (RuntimeError, TypeError):
            return torch.optim.Adam(parameters, **options)
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, alpha=spec.get("rho", 0.9), eps=spec.get("epsilon", 1e-7))
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, momentum=spec.get("momentum", 0.0))
    fail(f"unsupported optimizer {name!r}")


def gradient_clipping(config):
    """Keras's clipnorm (each gradient tensor), global_clipnorm (all together) and clipvalue."""
    import torch
    spec = config.get("optimizer") or {}
    unknown = set(spec) - {"name", "learning_rate", "beta_1", "beta_2", "epsilon", "rho", "momentum",
                           "clipnorm", "global_clipnorm", "clipvalue"}
    if unknown:
        fail(f"unsupported optimizer settings {sorted(unknown)}")

    def clip(parameters):
        if spec.get("clipvalue") is not None:
            torch.nn.utils.clip_grad_value_(parameters, float(spec["clipvalue"]))
        if spec.get("clipnorm") is not None:
            for p in parameters:
                torch.nn.utils.clip_grad_norm_([p], float(spec["clipnorm"]))
        if spec.get("global_clipnorm") is not None:
            torch.nn.utils.clip_grad_norm_(parameters, float(spec["global_clipnorm"]))
    return clip


def aligned_table(spec, tokenizer, vectors, rng):
    words, matrix = vectors
    rows, dim = spec["input_dim"], spec["output_dim"]
    if matrix.shape[1] != dim:
        fail(f"the vectors have {matrix.shape[1]} dimensions, the Embedding has {dim}")
    table = rng.uniform(-0.05, 0.05, size=(rows, dim)).astype(np.float32)
    found = considered = 0
    for word, i in tokenizer.word_index.items():
        if i >= rows:
            continue
        considered += 1
        row = words.get(word)
        if row is not None:
            table[i] = matrix[row]
            found += 1
    return table, found, considered


# ----------------------------------------------------------------------------------------------
# torch subcommand


def read_config(args):
    text = args.config_json
    if args.config_file:
        with open(args.config_file) as f:
            lines = [line for line in f if line.strip().startswith("{")]
        configs = [json.loads(line) for line in lines]
        configs = [c for c in configs if c.get("event") == "config"]
        if not configs:
            fail(f"{args.config_file}: no {{\"event\": \"config\"}} line")
        return configs
    if not text:
        fail("give --config-json or --config-file")
    config = json.loads(text)
    if config.get("event") not in (None, "config"):
        fail(f"--config-json is a {config.get('event')!r} line, not the config line")
    return [config]


def config_for_fold(configs, fold):
    """A config line with "fold": k applies to fold k only; otherwise the last general one."""
    for config in reversed(configs):
        if config.get("fold") == fold:
            return config
    general = [c for c in configs if c.get("fold") is None]
    return general[-1] if general else configs[-1]


def validation_split(rows, stopping):
    """The fold's training rows (in file order) → fit rows, validation rows. split "last" (default):
    the last fraction, as Keras validation_split; "interleaved": position i is held out when
    floor((i + 1) f) > floor(i f)."""
    if not stopping:
        return rows, None
    fraction = float(stopping.get("validation_fraction", 0.1))
    rule = stopping.get("split", "last")
    if rule == "last":
        split_at = int(len(rows) * (1 - fraction))
        return rows[:split_at], rows[split_at:]
    if rule == "interleaved":
        i = np.arange(len(rows))
        held = np.floor((i + 1) * fraction) > np.floor(i * fraction)
        return rows[~held], rows[held]
    fail(f"unknown early_stopping split rule {rule!r} (last, interleaved)")


def train_member(args, config, fold, texts, y, names, folds, vectors):
    """Trains one configuration line's model on the fold's training rows; returns the test rows'
    probabilities (positive class for 2 labels, [rows, classes] otherwise) and the run's counts."""
    import torch

    config = json.loads(json.dumps(config))  # a copy: input_dim may be resized
    tok_spec = config.get("tokenizer") or {}
    epochs = int(args.epochs if args.epochs is not None else config.get("epochs", 10))
    batch_size = int(config.get("batch_size", 32))
    stopping = config.get("early_stopping")
    embedding_spec = next((layer for layer in config["layers"] if layer.get("type") == "Embedding"), None)
    pretrained = config.get("embeddings") is not None
    # The fold's seed; an ensemble member whose config seed differs from the run's (e.g. several
    # bag-of-words members with seeds 1, 2, 3) is shifted by the same amount.
    seed = args.seed + fold + int(config.get("seed", args.seed)) - int(args.seed)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    train_rows, test_rows = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
    fit_numpy, val_numpy = validation_split(train_rows, stopping)
    tokenizer = KerasTokenizer(tok_spec.get("num_words"), tok_spec.get("filters", KERAS_FILTERS),
                               tok_spec.get("lowercase", True), int(tok_spec.get("ngrams", 1)))
    tokenizer.fit([texts[i] for i in train_rows])
    table = found = considered = None
    if embedding_spec is not None:
        needed = min(tokenizer.limit(), len(tokenizer.word_index) + 1)
        if embedding_spec["input_dim"] != needed:
            # Ours sizes the table per fold, min(num_words, vocabulary + 1); the config line shows
            # one fold's size, and folds whose vocabulary is below num_words differ from it.
            log(f"fold {fold}: Embedding input_dim {embedding_spec['input_dim']} -> {needed} "
                "(this fold's vocabulary)")
            embedding_spec["input_dim"] = needed
        if pretrained:
            table, found, considered = aligned_table(embedding_spec, tokenizer, vectors, rng)
            theirs = config["embeddings"]
            log(f"fold {fold}: {found} of {considered} vocabulary words have vectors "
                f"(SentimentBenchmark's config line: {theirs.get('found')} of {theirs.get('of')})")
    if embedding_spec is not None:
        length = tok_spec.get("max_length") or fail("a sequence model needs tokenizer.max_length")
        x_all = torch.from_numpy(pad_pre(tokenizer.sequences(texts), int(length)))
        input_width = None
        batch_x = lambda rows: x_all[rows]  # noqa: E731
    else:
        mode = tok_spec.get("mode") or "binary"
        if mode in NB_MODES:  # binary presence x naive-Bayes log-count ratios of the fit rows (NBSVM)
            matrix = tokenizer.matrix(texts, "binary")
            if len(names) == 2:
                matrix = matrix.multiply(naive_bayes_ratios(matrix, fit_numpy, y)).tocsr()
        else:
            matrix = tokenizer.matrix(texts, mode)
        input_width = matrix.shape[1]
        batch_x = lambda rows: torch.from_numpy(matrix[rows.numpy()].toarray())  # noqa: E731
    y_all = torch.from_numpy(y)

    start = time.perf_counter()
    model, loss_fn, _ = build_model(config, len(names), input_width, table)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = make_optimizer(config, trainable)
    clip = gradient_clipping(config)
    fit_rows = torch.from_numpy(fit_numpy)
    val_rows = torch.from_numpy(val_numpy) if val_numpy is not None else None
    binary = len(names) == 2

    def targets(rows):
        return y_all[rows].float() if binary else y_all[rows]

    def mean_loss(rows):
        model.eval()
        total = 0.0
        with torch.inference_mode():
            for i in range(0, len(rows), 1024):
                chunk = rows[i:i + 1024]
                total += loss_fn(model(batch_x(chunk)), targets(chunk)).item() * len(chunk)
        return total / max(1, len(rows)) + model.penalty().item()  # Keras's val_loss has the penalty

    generator = torch.Generator().manual_seed(seed)
    best, wait, epochs_run, best_state = math.inf, 0, 0, None
    patience = int(stopping.get("patience", 0)) if stopping else 0
    min_delta = float(stopping.get("min_delta", 0)) if stopping else 0.0
    for epoch in range(epochs):
        model.train()
        order = fit_rows[torch.randperm(len(fit_rows), generator=generator)]
        for i in range(0, len(order), batch_size):
            rows = order[i:i + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(batch_x(rows)), targets(rows)) + model.penalty()
            loss.backward()
            clip(trainable)
            optimizer.step()
        epochs_run += 1
        if val_rows is not None and len(val_rows) > 0:
            val_loss = mean_loss(val_rows)
            log(f"fold {fold} epoch {epoch + 1}: val_loss {val_loss:.4f}")
            if val_loss < best - min_delta:
                best, wait = val_loss, 0
                if stopping.get("restore_best_weights"):
                    best_state = {k: v.clone() for k, v in model.state_dict().items()}
            else:
                wait += 1
                if wait >= patience:
                    break
    if best_state is not None:
        model.load_state_dict(best_state)
    train_seconds = time.perf_counter() - start

    model.eval()
    outputs = []
    with torch.inference_mode():
        for i in range(0, len(test_rows), 1024):
            out = model(batch_x(torch.from_numpy(test_rows[i:i + 1024])))
            outputs.append(torch.sigmoid(out) if binary else torch.softmax(out, dim=1))
    result = {"probabilities": torch.cat(outputs).numpy(), "train_seconds": train_seconds,
              "train_samples": len(fit_rows) * epochs_run, "epochs_run": epochs_run, "pretrained": pretrained,
              "model": config.get("model")}
    if pretrained:
        result["embeddings_found"], result["embeddings_of"] = found, considered
        result["frozen_embeddings"] = embedding_spec.get("trainable", True) is False
    log(f"fold {fold}: {config.get('model')} trained, {epochs_run} epochs, {train_seconds:.1f} s")
    return result


def command_torch(args):
    import torch

    torch.set_num_threads(args.threads)
    configs = read_config(args)
    texts, labels = read_tsv(args.data, args.text_column, args.label_column)
    names, y = label_ids(labels)
    folds = read_folds(args.folds_file, len(y))
    vectors = None
    with_vectors = [m for c in configs for m in (c.get("members") or [c]) if m.get("embeddings") is not None]
    if with_vectors:
        path = find_vectors_file(args.embeddings or with_vectors[-1]["embeddings"]["path"])
        start = time.perf_counter()
        vectors = load_word_vectors(path)
        log(f"{path}: {len(vectors[0])} words x {vectors[1].shape[1]} in {time.perf_counter() - start:.1f} s")
    dataset = os.path.basename(args.data)
    for key, default in (("mask_zero", "false"), ("split", "last"), ("restore_best_weights", "false")):
        last = (configs[-1].get("members") or [configs[-1]])[-1]
        spec = next((layer for layer in last["layers"] if layer.get("type") == "Embedding"), None) \
            if key == "mask_zero" else last.get("early_stopping")
        if spec is not None and key not in spec:
            log(f"the config line has no {key}; using {default}")

    for fold in test_folds(folds, args.only_fold):
        top = config_for_fold(configs, fold)
        members = top.get("members") or [top]
        test_rows = np.flatnonzero(folds == fold)
        runs = [train_member(args, member, fold, texts, y, names, folds, vectors) for member in members]
        probabilities = np.mean([run["probabilities"] for run in runs], axis=0)  # soft voting (one member: itself)
        predicted = (probabilities > 0.5).astype(np.int64) if len(names) == 2 else probabilities.argmax(axis=1)
        seconds = sum(run["train_seconds"] for run in runs)
        samples = sum(run["train_samples"] for run in runs)
        pretrained = any(run["pretrained"] for run in runs)
        record = {"event": "fold", "side": "pytorch", "dataset": dataset, "model": top.get("model"),
                  "pretrained": pretrained, "fold": fold, **metrics(y[test_rows], predicted, len(names)),
                  "train_seconds": seconds, "train_samples": samples, "samples_per_second": samples / seconds,
                  "epochs_run": max(run["epochs_run"] for run in runs), "test_rows": len(test_rows),
                  "threads": args.threads, "torch": torch.__version__}
        for key in ("embeddings_found", "embeddings_of", "frozen_embeddings"):
            values = [run[key] for run in runs if key in run]
            if values:
                record[key] = values[0]
        if len(runs) > 1:
            record["members"] = []
            for run in runs:
                alone = (run["probabilities"] > 0.5).astype(np.int64) if len(names) == 2 \
                    else run["probabilities"].argmax(axis=1)
                scores = metrics(y[test_rows], alone, len(names))
                record["members"].append({"model": run["model"], "accuracy": scores["accuracy"], "f1": scores["f1"],
                                          "epochs_run": run["epochs_run"], "train_seconds": run["train_seconds"]})
        emit(record)
        log(f"fold {fold}: accuracy {record['accuracy']:.4f}, {record['epochs_run']} epochs, {seconds:.1f} s")


# ----------------------------------------------------------------------------------------------
# tf-idf + logistic regression


def command_tfidf(args):
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.model_selection import StratifiedKFold

    texts, labels = read_tsv(args.data, args.text_column, args.label_column)
    names, y = label_ids(labels)
    folds = read_folds(args.folds_file, len(y))
    grid = [float(c) for c in args.cs.split(",")]
    for fold in test_folds(folds, args.only_fold):
        train_rows, test_rows = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        start = time.perf_counter()
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        x_train = vectorizer.fit_transform([texts[i] for i in train_rows])
        inner = StratifiedKFold(n_splits=3, shuffle=True, random_state=args.seed + fold)
        model = LogisticRegressionCV(Cs=grid, cv=inner, scoring="accuracy", solver="saga", max_iter=2000,
                                     random_state=args.seed, n_jobs=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # sklearn 1.9's notices about 1.10 defaults
            model.fit(x_train, y[train_rows])
        train_seconds = time.perf_counter() - start
        predicted = model.predict(vectorizer.transform([texts[i] for i in test_rows]))
        chosen = float(np.atleast_1d(model.C_)[0])
        emit({"event": "fold", "side": "tfidf-lr", "dataset": os.path.basename(args.data), "model": "tfidf-lr",
              "pretrained": False, "fold": fold, **metrics(y[test_rows], predicted, len(names)),
              "train_seconds": train_seconds, "train_samples": len(train_rows),
              "samples_per_second": len(train_rows) / train_seconds, "epochs_run": None,
              "test_rows": len(test_rows), "C": chosen, "features": x_train.shape[1],
              "sklearn": sklearn.__version__})
        log(f"fold {fold}: tf-idf LR accuracy {np.mean(predicted == y[test_rows]):.4f} (C={chosen:g}, "
            f"{x_train.shape[1]} features, {train_seconds:.1f} s)")


# ----------------------------------------------------------------------------------------------
# selfcheck


def command_selfcheck(args):
    """The tokenizer against the recorded Keras outputs; masking against unpadded runs."""
    import torch

    problems = 0
    with open(args.fixtures) as f:
        fixtures = json.load(f)
    cases = [c for c in fixtures["text_to_word_sequence"] if c["split"] == " "]
    wrong = [c for c in cases if text_to_words(c["text"], c["filters"], c["lower"]) != c["tokens"]]
    print(f"text_to_word_sequence: {len(cases) - len(wrong)} of {len(cases)} Keras cases equal")
    problems += len(wrong)
    checked = 0
    for case in fixtures["tokenizer"]:
        o = case["options"]
        texts = [t for fit in case["fits"] for t in fit]
        if o["char_level"] or o["oov_token"] or o["split"] != " " or case.get("fit_sequences") or \
                not all(isinstance(t, str) for t in texts):
            continue  # options the benchmark does not use
        tokenizer = KerasTokenizer(o["num_words"], o["filters"], o["lower"], 1).fit(texts)
        same = tokenizer.word_index == case["word_index"]
        same = same and tokenizer.sequences(case["query_texts"]) == case["texts_to_sequences"]
        for mode, matrix in (case.get("texts_to_matrix") or {}).items():
            expected = np.zeros(matrix["shape"])
            for row, entries in enumerate(matrix["rows"]):
                for column, value in entries:
                    expected[row, column] = value
            actual = tokenizer.matrix(case["matrix_texts"], mode).toarray()
            same = same and np.allclose(actual, expected, rtol=1e-6, atol=0)
        checked += 1
        if not same:
            problems += 1
            print(f"tokenizer case {case['name']}: differs from Keras")
    print(f"Tokenizer fit/texts_to_sequences/texts_to_matrix: {checked} Keras cases checked")

    torch.manual_seed(0)
    sequences = [[3, 4, 5], [7], [], [1, 2, 3, 4, 5, 6]]
    x = torch.from_numpy(pad_pre(sequences, 6))
    for stack in ([{"type": "LSTM", "units": 4}], [{"type": "GRU", "units": 4}],
                  [{"type": "Bidirectional", "units": 4, "layer": "GRU", "merge_mode": "sum"}],
                  [{"type": "LSTM", "units": 4, "return_sequences": True}, {"type": "GRU", "units": 3}],
                  [{"type": "Bidirectional", "units": 4, "return_sequences": True},
                   {"type": "GlobalAveragePooling1D"}]):
        config = {"model": "check", "layers": [{"type": "Embedding", "input_dim": 10, "output_dim": 5,
                                                 "mask_zero": True}, *stack,
                                                {"type": "Dense", "units": 3, "activation": "softmax"}]}
        network, _, _ = build_model(config, 3, None, None)
        network.eval()
        with torch.no_grad():
            batch = network(x)
            error = max((batch[i] - network(torch.tensor([s]))[0]).abs().max().item()
                        for i, s in enumerate(sequences) if s)
            for module in network.steps:  # the unrolled loop, with a recurrent dropout that keeps all
                if hasattr(module, "recurrent_dropout"):
                    module.recurrent_dropout = 1e-12
            network.train()
            unrolled = (network(x) - batch).abs().max().item()
        ok = error < 1e-5 and unrolled < 1e-5 and batch[2].abs().max().item() == 0
        problems += not ok
        names = " -> ".join(layer["type"] for layer in stack)
        print(f"mask_zero {names}: padded vs unpadded {error:.1e}, unrolled loop {unrolled:.1e}, "
              f"empty text {'zero' if batch[2].abs().max().item() == 0 else 'NOT zero'}")
    if problems:
        fail(f"{problems} check(s) failed")
    print("all checks passed")


# ----------------------------------------------------------------------------------------------
# report


SIDE_ORDER = {"ours": 0, "pytorch": 1, "tfidf-lr": 2}


def command_report(args):
    groups = OrderedDict()
    for path in args.files:
        config_frozen = False
        with open(path) as f:
            for number, line in enumerate(f, start=1):
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    log(f"{path}:{number}: skipped ({error})")
                    continue
                if record.get("event") == "config":  # ours: its fold lines follow its config line
                    embedding = next((x for x in record.get("layers") or [] if x.get("type") == "Embedding"), {})
                    config_frozen = embedding.get("trainable", True) is False
                    continue
                if record.get("event") != "fold":
                    continue
                pretrained = bool(record.get("pretrained"))
                frozen = record.get("frozen_embeddings", config_frozen if record["side"] == "ours" else False)
                key = (record["dataset"], record["model"], "frozen" if pretrained and frozen else
                       ("yes" if pretrained else "no"), record["side"])
                groups.setdefault(key, {})[record["fold"]] = record  # a repeated fold: the last run counts
    if not groups:
        fail("no fold lines in " + ", ".join(args.files))

    def summary(records):
        acc = [r["accuracy"] for r in records]
        seconds = sum(r["train_seconds"] for r in records)
        samples = sum(r["train_samples"] for r in records)
        epochs = [r["epochs_run"] for r in records if r.get("epochs_run") is not None]
        return {"n": len(records), "acc": statistics.fmean(acc),
                "std": statistics.stdev(acc) if len(acc) > 1 else None,
                "p": statistics.fmean(r["precision"] for r in records),
                "r": statistics.fmean(r["recall"] for r in records),
                "f1": statistics.fmean(r["f1"] for r in records), "seconds": seconds,
                "rate": samples / seconds if seconds > 0 else float("nan"),
                "epochs": statistics.fmean(epochs) if epochs else None}

    rows = {key: summary(list(folds.values())) for key, folds in groups.items()}
    w2v_order = {"no": 0, "yes": 1, "frozen": 2}
    order = sorted(rows, key=lambda k: (k[0], k[1] == "tfidf-lr", k[1], w2v_order.get(k[2], 3),
                                        SIDE_ORDER.get(k[3], 9), k[3]))
    header = (f"{'dataset':<22} {'model':<9} {'w2v':<6} {'side':<9} {'folds':>5} {'accuracy':>15} "
              f"{'prec':>6} {'recall':>6} {'F1':>6} {'epochs':>6} {'train s':>9} {'samples/s':>10} {'ours/torch':>10}")
    print(header)
    print("-" * len(header))
    previous = None
    for key in order:
        dataset, model, pretrained, side = key
        s = rows[key]
        if previous is not None and previous != dataset:
            print()
        previous = dataset
        accuracy = f"{100 * s['acc']:.2f}%" + (f" ±{100 * s['std']:.2f}" if s["std"] is not None else "")
        ratio = ""
        if side == "ours" and (dataset, model, pretrained, "pytorch") in rows:
            peer = rows[(dataset, model, pretrained, "pytorch")]
            if peer["rate"] > 0:
                ratio = f"{s['rate'] / peer['rate']:.2f}x"
        epochs = f"{s['epochs']:.1f}" if s["epochs"] is not None else "-"
        w2v = "-" if side == "tfidf-lr" else pretrained
        print(f"{dataset:<22} {model:<9} {w2v:<6} {side:<9} {s['n']:>5} {accuracy:>15} {100 * s['p']:>6.2f} "
              f"{100 * s['r']:>6.2f} {100 * s['f1']:>6.2f} {epochs:>6} {s['seconds']:>9.1f} "
              f"{s['rate']:>10.0f} {ratio:>10}")
    print()
    print("accuracy: mean over the test folds (± sample std when more than one). prec/recall/F1 (%): positive\n"
          "class (binary) or macro (multi-class), mean over folds. w2v: word2vec-initialised embeddings (frozen:\n"
          "not trained). train s: total over folds. samples/s: training rows x epochs run / train s. ours/torch:\n"
          "samples/s ratio (> 1: ours faster). tfidf-lr: vectorizer + inner CV for C + refit, one pass.")
    for key in order:
        members = [r.get("members") for r in groups[key].values()]
        if key[1] == "ensemble" and members and all(members):
            names = [m["model"] for m in members[0]]
            alone = ", ".join(f"{name} {100 * statistics.fmean(m[i]['accuracy'] for m in members):.2f}% "
                              f"(F1 {100 * statistics.fmean(m[i]['f1'] for m in members):.2f})"
                              for i, name in enumerate(names))
            print(f"ensemble members alone, {key[0]} {key[3]}: {alone}")
    for key in order:
        if key[3] == "ours" and (key[0], key[1], key[2], "pytorch") not in rows:
            print(f"note: no PyTorch peer lines for {key[0]} {key[1]} (w2v: {key[2]})")
    missing = [k for k in order if k[3] == "pytorch" and (k[0], k[1], k[2], "ours") not in rows]
    for key in missing:
        print(f"note: no SentimentBenchmark lines for {key[0]} {key[1]} (w2v: {key[2]})")


# ----------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def data_arguments(p, text=True):
        p.add_argument("--data", required=True, help="the TSV (header line, tab separated)")
        if text:
            p.add_argument("--text-column", required=True)
        p.add_argument("--label-column", required=True)

    f = sub.add_parser("folds", help="write a stratified fold id per data row")
    data_arguments(f, text=False)
    f.add_argument("--k", type=int, required=True)
    f.add_argument("--seed", type=int, default=1)
    f.add_argument("--output", required=True)

    t = sub.add_parser("torch", help="the PyTorch peer of a SentimentBenchmark config line")
    data_arguments(t)
    t.add_argument("--folds-file", required=True)
    t.add_argument("--config-json", help="the config JSON line printed by SentimentBenchmark")
    t.add_argument("--config-file", help="a file holding it (the last config line is used)")
    t.add_argument("--embeddings", help="word2vec .bin/.txt (default: the config's path, .w2vmodel → .bin)")
    t.add_argument("--only-fold", type=int)
    t.add_argument("--epochs", type=int, help="override the config's epochs")
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--threads", type=int, default=2)

    l = sub.add_parser("tfidf", help="tf-idf (words + bigrams) logistic regression baseline")
    data_arguments(l)
    l.add_argument("--folds-file", required=True)
    l.add_argument("--only-fold", type=int)
    l.add_argument("--seed", type=int, default=1)
    l.add_argument("--cs", default="1,4,16,64,256", help="the C grid (comma separated)")

    c = sub.add_parser("selfcheck", help="tokenizer vs recorded Keras outputs, masking vs unpadded runs")
    c.add_argument("--fixtures", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests",
                                                      "NLPTextTests", "Fixtures", "keras", "tokenizer.json"))

    r = sub.add_parser("report", help="print the results table from JSON lines files")
    r.add_argument("files", nargs="+")

    args = parser.parse_args()
    if args.command == "folds":
        if args.k < 2:
            fail(f"--k must be at least 2, got {args.k}")
        command_folds(args)
    elif args.command == "torch":
        command_torch(args)
    elif args.command == "tfidf":
        command_tfidf(args)
    elif args.command == "selfcheck":
        command_selfcheck(args)
    else:
        command_report(args)


if __name__ == "__main__":
    main()
