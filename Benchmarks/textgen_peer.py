"""PyTorch peer for Benchmarks/textgen.sh: the char-rnn model of TextGenBenchmark, trained for the
same wall-clock budget on the same data split (CONTRACT-textgen: same flags, same JSON lines).

    python textgen_peer.py --corpus FILE [--cell lstm|gru] [--layers 2] [--units 256] [--embedding 0]
        [--seq-length 100] [--batch-size 64] [--validation-fraction 0.05] [--learning-rate 0.002]
        [--clip-norm 5] [--seconds 300] [--eval-every-seconds 60] [--threads 2] [--seed 1]
    python textgen_peer.py report RESULTS.jsonl [MORE.jsonl ...]   # side-by-side table
    python textgen_peer.py selfcheck                                # checks of the data/bpc code

Data: the file (plain or .gz) decoded as UTF-8; tokens are characters (Unicode scalars); the
vocabulary is the distinct characters of the whole file sorted by code point. train = the first
floor(n * (1 - f)) ids, validation = the rest. Both are laid out as B char-rnn streams of length
L = floor((N - 1) / B) (+1 for the targets); batch k is columns k*T ..< k*T + T of every stream.
The state of every layer is carried from batch to batch (detached: truncated BPTT) and reset to
zeros at the start of each epoch; validation starts from zeros and carries state across chunks.

Model (the formulation a PyTorch user would write): F.one_hot(ids, V).float() (or nn.Embedding(V, E)
with --embedding E) -> nn.LSTM/nn.GRU(units, num_layers=layers, batch_first=True) -> nn.Linear(V)
at every step; loss = F.cross_entropy (mean over all B*T positions). The one-hot input costs one
small [B*T, V] x [V, gates] product per step inside nn.LSTM (about 5 % of the step at V = 84,
units 256); measured on this machine, time-major input and fused/foreach Adam were within noise of
this, so the plain batch_first form is used.
Initialisation as Keras: Glorot-uniform input kernels (weight_ih_l*) and Linear kernel, orthogonal
recurrent kernels (weight_hh_l*, the whole [gates*units, units] matrix like Keras's [units,
gates*units] kernel), zero biases; LSTM forget-gate bias 1 in bias_ih (bias_hh stays zero, so the
sum of PyTorch's two bias vectors equals Keras's single bias); GRU: both bias vectors zero (Keras
reset_after=True also has an input and a recurrent bias); Embedding uniform(-0.05, 0.05).
Training: torch.optim.Adam(lr, betas (0.9, 0.999), eps 1e-7), clip_grad_norm_ over all parameters,
one step per batch, torch.set_num_threads(threads), torch.manual_seed(seed). The training clock
(time.perf_counter) runs only around training steps; evaluation is not counted, nor one warm-up
step on a throw-away copy of the model before the clock starts (first-call costs of PyTorch).
"""
import argparse
import copy
import gzip
import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LN2 = math.log(2.0)


def log(message):
    print(f"textgen_peer: {message}", file=sys.stderr, flush=True)


# MARK: data


def read_text(path):
    """The file as a str: gzip when it starts with the gzip magic, plain otherwise."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as error:
        raise SystemExit(f"textgen_peer: cannot read {path}: {error.strerror}")
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SystemExit(f"textgen_peer: {path} is not UTF-8 (byte {error.start}: {error.reason})")


def encode(text):
    """(vocabulary as a list of characters sorted by code point, ids as an int64 array)."""
    scalars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    codes = np.unique(scalars)  # sorted by code point
    return [chr(c) for c in codes], np.searchsorted(codes, scalars).astype(np.int64, copy=False)


def split(ids, validation_fraction):
    cut = math.floor(len(ids) * (1.0 - validation_fraction))
    return ids[:cut], ids[cut:]


def stream_layout(ids, batch_size, seq_length):
    """(inputs, targets), each [B, K*T] int64 tensors, K = floor(L / T) batches: stream b is
    ids[b*L ..< b*L + L + 1] with L = floor((N - 1) / B); batch k is columns k*T ..< k*T + T."""
    n = len(ids)
    length = (n - 1) // batch_size
    batches = length // seq_length
    if batches < 1:
        raise SystemExit(
            f"textgen_peer: {n} ids give streams of {length} < seq-length {seq_length} at batch size {batch_size}")
    columns = batches * seq_length
    # Stream b starts at b*L, so inputs[b, j] = ids[b*L + j] and targets[b, j] = ids[b*L + j + 1].
    inputs = ids[:batch_size * length].reshape(batch_size, length)[:, :columns]
    targets = ids[1:batch_size * length + 1].reshape(batch_size, length)[:, :columns]
    return torch.from_numpy(np.ascontiguousarray(inputs)), torch.from_numpy(np.ascontiguousarray(targets)), batches


# MARK: model


class CharModel(nn.Module):
    def __init__(self, vocabulary, cell="lstm", layers=2, units=256, embedding=0):
        super().__init__()
        self.vocabulary = vocabulary
        self.embedding = nn.Embedding(vocabulary, embedding) if embedding > 0 else None
        width = embedding if embedding > 0 else vocabulary
        rnn = {"lstm": nn.LSTM, "gru": nn.GRU}[cell]
        self.cell = cell
        self.rnn = rnn(width, units, num_layers=layers, batch_first=True)
        self.head = nn.Linear(units, vocabulary)

    def keras_initialise(self):
        with torch.no_grad():
            if self.embedding is not None:
                nn.init.uniform_(self.embedding.weight, -0.05, 0.05)
            for name, p in self.rnn.named_parameters():
                if name.startswith("weight_ih"):
                    nn.init.xavier_uniform_(p)  # fan_in = input width, fan_out = gates*units: Keras's limit
                elif name.startswith("weight_hh"):
                    nn.init.orthogonal_(p)
                else:
                    p.zero_()
            if self.cell == "lstm":
                units = self.rnn.hidden_size
                for layer in range(self.rnn.num_layers):
                    getattr(self.rnn, f"bias_ih_l{layer}")[units:2 * units].fill_(1.0)  # gates i, f, g, o
            nn.init.xavier_uniform_(self.head.weight)
            self.head.bias.zero_()

    def forward(self, ids, state):
        x = self.embedding(ids) if self.embedding is not None else F.one_hot(ids, self.vocabulary).float()
        y, state = self.rnn(x, state)
        return self.head(y), state


def detach(state):
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def evaluate(model, inputs, targets, batches, seq_length):
    """(sum of cross-entropy in nats, count of positions) over the stream layout, state from zeros."""
    total, count, state = 0.0, 0, None
    model.eval()
    with torch.inference_mode():
        for k in range(batches):
            x = inputs[:, k * seq_length:(k + 1) * seq_length]
            y = targets[:, k * seq_length:(k + 1) * seq_length]
            logits, state = model(x, state)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1),
                                     reduction="sum").double().item()
            count += y.numel()
    model.train()
    return total, count


# MARK: training


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def emit(record):
    print(json.dumps(record), flush=True)


def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    baseline_mb = peak_rss_mb()  # the interpreter with torch loaded, before any data
    text = read_text(args.corpus)
    vocabulary, ids = encode(text)
    del text
    train_ids, validation_ids = split(ids, args.validation_fraction)
    tx, ty, train_batches = stream_layout(train_ids, args.batch_size, args.seq_length)
    vx, vy, validation_batches = stream_layout(validation_ids, args.batch_size, args.seq_length)
    V = len(vocabulary)
    log(f"{len(ids)} characters, vocabulary {V}, train {len(train_ids)} ({train_batches} batches/epoch), "
        f"validation {len(validation_ids)} ({validation_batches} batches); torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads; peak RSS {baseline_mb:.0f} MB after import torch")

    model = CharModel(V, args.cell, args.layers, args.units, args.embedding)
    model.keras_initialise()
    parameters = list(model.parameters())
    optimizer = torch.optim.Adam(parameters, lr=args.learning_rate, betas=(0.9, 0.999), eps=1e-7)
    config = {name: getattr(args, name) for name in (
        "corpus", "cell", "layers", "units", "embedding", "seq_length", "batch_size", "validation_fraction",
        "learning_rate", "clip_norm", "seconds", "eval_every_seconds", "threads", "seed")}
    positions = args.batch_size * args.seq_length

    # One untimed warm-up step on a copy (first-call costs: thread pool, kernel selection, lazy library
    # loading; several seconds here), so that PyTorch's clock holds only steady-state training.
    warm = copy.deepcopy(model)
    warm_parameters = list(warm.parameters())
    warm_optimizer = torch.optim.Adam(warm_parameters, lr=args.learning_rate, betas=(0.9, 0.999), eps=1e-7)
    logits, _ = warm(tx[:, :args.seq_length], None)
    F.cross_entropy(logits.reshape(-1, V), ty[:, :args.seq_length].reshape(-1)).backward()
    nn.utils.clip_grad_norm_(warm_parameters, args.clip_norm)
    warm_optimizer.step()
    del warm, warm_parameters, warm_optimizer, logits

    training_seconds, train_chars, steps = 0.0, 0, 0
    training_cpu_seconds = 0.0  # process CPU time (all threads) in training steps: stderr only
    loss_sum, loss_batches = 0.0, 0
    next_eval = args.eval_every_seconds
    state, k = None, 0

    def eval_line():
        nonlocal loss_sum, loss_batches
        start = time.perf_counter()
        total, count = evaluate(model, vx, vy, validation_batches, args.seq_length)
        bpc = total / count / LN2
        train_bpc = loss_sum / loss_batches / LN2 if loss_batches else None
        emit({"side": "pytorch", "event": "eval", "training_seconds": training_seconds,
              "train_chars": train_chars, "chars_per_second": train_chars / training_seconds,
              "train_bpc": train_bpc, "validation_bpc": bpc, "epoch": steps / train_batches})
        log(f"{training_seconds:7.1f} s  epoch {steps / train_batches:6.3f}  "
            f"{train_chars / training_seconds:8.0f} chars/s  train bpc {train_bpc if train_bpc is None else round(train_bpc, 4)}"
            f"  validation bpc {bpc:.4f}  (evaluation {time.perf_counter() - start:.1f} s; training CPU/wall "
            f"{training_cpu_seconds / training_seconds:.2f})")
        loss_sum, loss_batches = 0.0, 0
        return bpc

    while True:
        start, start_cpu = time.perf_counter(), time.process_time()
        if k == train_batches:  # epoch boundary: state back to zeros
            k, state = 0, None
        x = tx[:, k * args.seq_length:(k + 1) * args.seq_length]
        y = ty[:, k * args.seq_length:(k + 1) * args.seq_length]
        logits, state = model(x, state)
        state = detach(state)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(parameters, args.clip_norm)
        optimizer.step()
        loss_value = loss.item()
        training_seconds += time.perf_counter() - start
        training_cpu_seconds += time.process_time() - start_cpu
        if not math.isfinite(loss_value):
            raise SystemExit(f"textgen_peer: training loss became {loss_value} at step {steps + 1}")
        k += 1
        steps += 1
        train_chars += positions
        loss_sum += loss_value
        loss_batches += 1
        if training_seconds >= args.seconds:
            break
        if training_seconds >= next_eval:
            eval_line()
            while next_eval <= training_seconds:
                next_eval += args.eval_every_seconds
    bpc = eval_line()
    emit({"side": "pytorch", "event": "final", "training_seconds": training_seconds, "train_chars": train_chars,
          "chars_per_second": train_chars / training_seconds, "validation_bpc": bpc, "vocabulary": V,
          "train_size": len(train_ids), "validation_size": len(validation_ids), "config": config,
          "peak_rss_mb": peak_rss_mb()})


# MARK: report


def normalise(key):
    return key.replace("-", "").replace("_", "").lower()


def load_runs(paths):
    """{side: {"evals": [...], "final": {...} or None}}; the last run of each side wins."""
    runs = {}
    for path in paths:
        with open(path) as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    print(f"note: {path}:{number}: not JSON ({error}); skipped")
                    continue
                side = record.get("side")
                if side is None:
                    continue
                run = runs.setdefault(side, {"evals": [], "final": None})
                if run["final"] is not None:  # a new run of the same side starts
                    run = runs[side] = {"evals": [], "final": None}
                if record.get("event") == "eval":
                    run["evals"].append(record)
                elif record.get("event") == "final":
                    run["final"] = record
    return runs


def config_of(run):
    final = run["final"] or {}
    return {normalise(k): v for k, v in (final.get("config") or {}).items()}


def checkpoints(run, every):
    """{nominal time: eval record}: periodic lines land at floor(t / E) * E (the last line of a bucket
    wins); the end-of-budget line is keyed "end"."""
    evals = run["evals"]
    points = {}
    for i, record in enumerate(evals):
        if i == len(evals) - 1 and run["final"] is not None:
            points["end"] = record
        elif every:
            points[math.floor(record["training_seconds"] / every + 1e-9) * every] = record
        else:
            points[i + 1] = record
    return points


def fmt(value, spec):
    return format(value, spec) if isinstance(value, (int, float)) and value is not None else "-"


def report(args):
    runs = load_runs(args.files)
    if not runs:
        print("no results (no JSON lines with a \"side\")")
        return 1
    order = [s for s in ("ours", "pytorch") if s in runs] + sorted(s for s in runs if s not in ("ours", "pytorch"))
    for side in ("ours", "pytorch"):
        if side not in runs:
            print(f"note: no lines from side '{side}' (that run failed or was not run): no comparison")
        elif runs[side]["final"] is None:
            print(f"note: side '{side}' has no final line (the run did not finish)")

    configs = {side: config_of(runs[side]) for side in order}
    every = next((c.get("evaleveryseconds") for c in configs.values() if c.get("evaleveryseconds")), None)
    if len(order) > 1:
        first = order[0]
        for side in order[1:]:
            for key in ("vocabulary", "trainsize", "validationsize"):
                a = {normalise(k): v for k, v in (runs[first]["final"] or {}).items()}.get(key)
                b = {normalise(k): v for k, v in (runs[side]["final"] or {}).items()}.get(key)
                if a is not None and b is not None and a != b:
                    print(f"WARNING: {key} differs: {first} {a}, {side} {b} (not the same data)")
            for key in sorted(set(configs[first]) | set(configs[side])):
                if key == "corpus":
                    continue
                a, b = configs[first].get(key), configs[side].get(key)
                if a is not None and b is not None and a != b and not (
                        isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b)):
                    print(f"WARNING: flag {key} differs: {first} {a}, {side} {b}")

    c = configs[order[0]]
    shown = ", ".join(f"{k} {c[k]}" for k in ("cell", "layers", "units", "embedding", "seqlength", "batchsize",
                                                "learningrate", "seconds", "threads") if k in c)
    print(f"Text generation (char-rnn) — {shown}")
    points = {side: checkpoints(runs[side], every) for side in order}
    common = sorted({p for p in points[order[0]] if p != "end"}.intersection(
        *[{p for p in points[s] if p != "end"} for s in order[1:]]))
    columns = common + ["end"]
    reference = runs.get("pytorch", {}).get("final") if "ours" in runs else None

    head = f"{'side':<8} {'chars/s':>9} {'ours/pt':>8} | " + " ".join(
        f"{('bpc@' + format(p, 'g') + 's') if p != 'end' else 'bpc end':>10}" for p in columns)
    head += f" | {'train s':>8} {'chars seen':>11} {'epochs':>7} {'peak MB':>8}"
    print(head)
    for side in order:
        run = runs[side]
        last = run["final"] or (run["evals"][-1] if run["evals"] else {})
        speed = last.get("chars_per_second")
        ratio = "-"
        if side == "ours" and reference and speed:
            ratio = f"{speed / reference['chars_per_second']:.2f}x"
        elif side == "pytorch" and "ours" in runs:
            ratio = "1.00x"
        cells = " ".join(f"{fmt(points[side].get(p, {}).get('validation_bpc'), '.4f'):>10}" for p in columns)
        epoch = run["evals"][-1].get("epoch") if run["evals"] else None
        print(f"{side:<8} {fmt(speed, '9.0f'):>9} {ratio:>8} | {cells} | {fmt(last.get('training_seconds'), '8.1f'):>8}"
              f" {fmt(last.get('train_chars'), ',d'):>11} {fmt(epoch, '7.3f'):>7} {fmt(last.get('peak_rss_mb'), '8.0f'):>8}")
    for side in order:
        ends = [f"{p:g}s: {r['training_seconds']:.1f}" for p, r in points[side].items() if p != "end"]
        if ends:
            print(f"  ({side} periodic evaluations at training seconds {', '.join(ends)})")

    if "ours" in runs and "pytorch" in runs:
        ours_final, peer_final = runs["ours"]["final"], runs["pytorch"]["final"]
        if ours_final and peer_final:
            ratio = ours_final["chars_per_second"] / peer_final["chars_per_second"]
            print(f"throughput: ours/pytorch = {ratio:.2f}x (target >= 1.5x: {'met' if ratio >= 1.5 else 'NOT met'})")
        for p in columns:
            a = points["ours"].get(p, {}).get("validation_bpc")
            b = points["pytorch"].get(p, {}).get("validation_bpc")
            if a is None or b is None:
                continue
            label = "end of budget" if p == "end" else f"{p:g} s of training"
            winner = "ours" if a < b else "pytorch" if b < a else "tie"
            print(f"validation bpc at {label}: ours {a:.4f}, pytorch {b:.4f} -> lower: {winner}"
                  f" (target ours <= pytorch: {'met' if a <= b else 'NOT met'})")
    return 0 if "ours" in runs and "pytorch" in runs else 1


# MARK: selfcheck


def selfcheck(_args):
    torch.manual_seed(0)
    failures = []

    def check(condition, message):
        print(("ok    " if condition else "FAIL  ") + message)
        if not condition:
            failures.append(message)

    # Vocabulary: distinct scalars sorted by code point (non-ASCII and astral included).
    text = "bäa\nz Éa😀b"
    vocabulary, ids = encode(text)
    check(vocabulary == sorted(set(text)), f"vocabulary sorted by code point: {vocabulary}")
    check(len(ids) == len(text) and "".join(vocabulary[i] for i in ids) == text, "ids decode back to the text")
    train_ids, validation_ids = split(np.arange(101), 0.05)
    check(len(train_ids) == 95 and len(validation_ids) == 6, f"split 101 at 0.05 -> {len(train_ids)}/{len(validation_ids)}")

    # Stream layout against the contract's definition, element by element.
    n, B, T = 103, 4, 7
    seq = np.arange(n, dtype=np.int64) * 3 % 17
    x, y, batches = stream_layout(seq, B, T)
    L = (n - 1) // B
    ok = batches == L // T
    for k in range(batches):
        for b in range(B):
            stream = seq[b * L:b * L + L + 1]
            ok &= list(x[b, k * T:k * T + T]) == list(stream[k * T:k * T + T])
            ok &= list(y[b, k * T:k * T + T]) == list(stream[k * T + 1:k * T + T + 1])
    check(bool(ok), f"stream layout n={n} B={B} T={T}: L={L}, {batches} batches, inputs/targets as defined")

    # Chunked evaluation with carried state == one unchunked pass over the same streams.
    V = 11
    seq = torch.randint(0, V, (997,)).numpy()
    for cell in ("lstm", "gru"):
        for embedding in (0, 5):
            model = CharModel(V, cell, 2, 8, embedding)
            model.keras_initialise()
            x, y, batches = stream_layout(seq, 3, 13)
            total, count = evaluate(model, x, y, batches, 13)
            with torch.inference_mode():
                logits, _ = model(x, None)
                full = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1), reduction="sum").double().item()
            check(count == y.numel() and abs(total - full) <= 1e-5 * abs(full),
                  f"{cell} embedding={embedding}: chunked sum {total:.6f} == unchunked {full:.6f} over {count} positions")
            # Truncated BPTT: a training step with a carried (detached) state must not reach the previous chunk.
            _, state = model(x[:, :13], None)
            state = detach(state)
            logits, _ = model(x[:, 13:26], state)
            F.cross_entropy(logits.reshape(-1, V), y[:, 13:26].reshape(-1)).backward()
            leaves = state if isinstance(state, tuple) else (state,)
            check(all(not s.requires_grad for s in leaves), f"{cell}: carried state is detached")

    # A zero-logit model predicts the uniform distribution: bpc = log2(V).
    V = 84
    model = CharModel(V, "lstm", 2, 16, 0)
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.zero_()
    seq = torch.randint(0, V, (5000,)).numpy()
    x, y, batches = stream_layout(seq, 8, 20)
    total, count = evaluate(model, x, y, batches, 20)
    check(abs(total / count / LN2 - math.log2(V)) < 1e-6, f"zero logits: bpc {total / count / LN2:.7f} == log2({V}) {math.log2(V):.7f}")

    # Keras initialisation.
    model = CharModel(V, "lstm", 2, 32, 0)
    model.keras_initialise()
    U = 32
    w = model.rnn.weight_hh_l0
    check(torch.allclose(w.t() @ w, torch.eye(U), atol=1e-5), "LSTM recurrent kernel orthogonal")
    limit = math.sqrt(6 / (V + 4 * U))
    check(model.rnn.weight_ih_l0.abs().max().item() <= limit, f"layer-0 input kernel within Glorot limit {limit:.4f}")
    b = model.rnn.bias_ih_l0
    check(bool((b[U:2 * U] == 1).all() and (b[:U] == 0).all() and (b[2 * U:] == 0).all()
               and (model.rnn.bias_hh_l1 == 0).all()), "LSTM biases: forget 1 in bias_ih, all else 0")
    model = CharModel(V, "gru", 1, U, 0)
    model.keras_initialise()
    check(bool((model.rnn.bias_ih_l0 == 0).all() and (model.rnn.bias_hh_l0 == 0).all()), "GRU biases zero")

    # The report on SYNTHETIC lines (made up here, written to a temporary file, never to results/):
    # a missing side, then both sides with the Swift side's key spelling unknown (camelCase config).
    import contextlib, io, os, tempfile
    def synthetic(side, speed, bpcs, config_keys=str):
        lines, t = [], 0.0
        for i, bpc in enumerate(bpcs):
            t = 30.0 * (i + 1) + 0.4 if i < len(bpcs) - 1 else 75.0
            lines.append({"side": side, "event": "eval", "training_seconds": t, "train_chars": int(speed * t),
                          "chars_per_second": speed, "train_bpc": bpc + 0.1, "validation_bpc": bpc, "epoch": 0.1 * i})
        config = {config_keys(k): v for k, v in (("eval_every_seconds", 30), ("units", 256), ("seconds", 75))}
        lines.append({"side": side, "event": "final", "training_seconds": t, "train_chars": int(speed * t),
                      "chars_per_second": speed, "validation_bpc": bpcs[-1], "vocabulary": 84, "train_size": 95,
                      "validation_size": 5, "config": config, "peak_rss_mb": 100.0})
        return [json.dumps(line) for line in lines]
    camel = lambda k: k.split("_")[0] + "".join(w.title() for w in k.split("_")[1:])
    with tempfile.TemporaryDirectory() as folder:
        def run_report(lines):
            path = os.path.join(folder, "synthetic.jsonl")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                status = report(argparse.Namespace(files=[path]))
            return status, buffer.getvalue()
        status, text = run_report(synthetic("pytorch", 1000.0, [3.0, 2.5, 2.2]))
        check(status == 1 and "no lines from side 'ours'" in text and "pytorch" in text,
              "report: missing side noted, exit status 1")
        status, text = run_report(synthetic("ours", 2000.0, [2.9, 2.4, 2.3], camel)
                                  + synthetic("pytorch", 1000.0, [3.0, 2.5, 2.2]))
        check(status == 0 and "ours/pytorch = 2.00x" in text and "at 30 s of training: ours 2.9000, pytorch 3.0000"
              " -> lower: ours" in text and "at 60 s" in text and "end of budget: ours 2.3000, pytorch 2.2000 -> lower: "
              "pytorch" in text and "WARNING" not in text, "report: ratio, bpc at 30 s, 60 s and the end, camelCase config")
        status, text = run_report(synthetic("ours", 2000.0, [2.9, 2.4], camel)[:-1]
                                  + [json.dumps(dict(json.loads(synthetic("ours", 1, [1.0])[-1]), vocabulary=85,
                                                     config={"units": 512}))]
                                  + synthetic("pytorch", 1000.0, [3.0, 2.5, 2.2]))
        check("WARNING: vocabulary differs" in text and "WARNING: flag units differs" in text,
              "report: a different vocabulary or flag is flagged")

    print("selfcheck: " + ("all passed" if not failures else f"{len(failures)} FAILED"))
    return 1 if failures else 0


# MARK: command line


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "report":
        parser = argparse.ArgumentParser(prog="textgen_peer.py report")
        parser.add_argument("files", nargs="+")
        return report(parser.parse_args(argv[1:]))
    if argv and argv[0] == "selfcheck":
        return selfcheck(None)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--cell", choices=("lstm", "gru"), default="lstm")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--units", type=int, default=256)
    parser.add_argument("--embedding", type=int, default=0)
    parser.add_argument("--seq-length", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--validation-fraction", type=float, default=0.05)
    parser.add_argument("--learning-rate", type=float, default=0.002)
    parser.add_argument("--clip-norm", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--eval-every-seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for name in ("layers", "units", "seq_length", "batch_size", "threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be >= 1, got {getattr(args, name)}")
    if args.embedding < 0:
        parser.error(f"--embedding must be >= 0, got {args.embedding}")
    if not 0 < args.validation_fraction < 1:
        parser.error(f"--validation-fraction must be in (0, 1), got {args.validation_fraction}")
    if args.seconds <= 0 or args.eval_every_seconds <= 0:
        parser.error("--seconds and --eval-every-seconds must be > 0")
    train(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
