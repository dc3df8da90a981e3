"""PyTorch peer for Benchmarks/neural.sh: the same models and training steps as NeuralBenchmark.

    python torch_peer.py measure --configs imdb-lstm,imdb-gru,char-lstm --threads 2 --min-seconds 3
    python torch_peer.py report RESULTS.jsonl          # table with ratios, from both sides' JSON lines
    python torch_peer.py golden                        # print PyTorch LSTM/GRU outputs for a tiny input

Training step on both sides (Keras train_on_batch): zero gradients, forward, loss, backward,
RMSprop update with Keras's defaults (lr 0.001, rho = alpha 0.9, epsilon 1e-7). Inference: one
forward pass under torch.inference_mode (Keras predict).
Models: Embedding(10000, 32) -> LSTM/GRU(32) -> Linear(1) -> Sigmoid with binary cross-entropy on
probabilities (500 tokens, batch 128, the Keras IMDB example); one-hot(100) -> LSTM(256) over 100
steps -> Linear(100) per step with cross-entropy on logits against the next character (batch 64,
char-rnn).
"""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn


class SequenceClassifier(nn.Module):
    def __init__(self, cell, vocabulary=10000, embedding=32, units=32):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, embedding)
        self.rnn = cell(embedding, units, batch_first=True)
        self.head = nn.Linear(units, 1)

    def forward(self, tokens):
        _, state = self.rnn(self.embedding(tokens))
        h = state[0] if isinstance(state, tuple) else state
        return torch.sigmoid(self.head(h[-1])).squeeze(1)


class CharacterModel(nn.Module):
    def __init__(self, vocabulary=100, units=256):
        super().__init__()
        self.rnn = nn.LSTM(vocabulary, units, batch_first=True)
        self.head = nn.Linear(units, vocabulary)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)


def make(config, generator):
    if config in ("imdb-lstm", "imdb-gru"):
        batch, steps = 128, 500
        model = SequenceClassifier(nn.LSTM if config == "imdb-lstm" else nn.GRU)
        x = torch.randint(1, 10000, (batch, steps), generator=generator)
        y = torch.randint(0, 2, (batch,), generator=generator).float()
        loss_fn = nn.BCELoss()
        return model, x, y, lambda out, y: loss_fn(out, y), batch
    if config == "char-lstm":
        batch, steps, vocabulary = 64, 100, 100
        model = CharacterModel(vocabulary)
        ids = torch.randint(0, vocabulary, (batch, steps + 1), generator=generator)
        x = torch.nn.functional.one_hot(ids[:, :-1], vocabulary).float()
        y = ids[:, 1:]
        loss_fn = nn.CrossEntropyLoss()
        return model, x, y, lambda out, y: loss_fn(out.reshape(-1, vocabulary), y.reshape(-1)), batch
    raise SystemExit(f"unknown config {config}")


def best_time(min_seconds, body):
    body()
    best, total, runs = float("inf"), 0.0, 0
    while runs < 3 or total < min_seconds:
        start = time.perf_counter()
        body()
        elapsed = time.perf_counter() - start
        best, total, runs = min(best, elapsed), total + elapsed, runs + 1
    return best


def measure(args):
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(1)
    for config in args.configs.split(","):
        model, x, y, loss_fn, batch = make(config, generator)
        optimizer = torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-7)

        def train():
            optimizer.zero_grad(set_to_none=False)
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()

        def infer():
            with torch.inference_mode():
                model(x)

        train_time = best_time(args.min_seconds, train)
        infer_time = best_time(args.min_seconds / 2, infer)
        print(json.dumps({
            "side": "torch", "config": config, "threads": torch.get_num_threads(),
            "train_samples_per_s": batch / train_time, "inference_samples_per_s": batch / infer_time,
            "torch": torch.__version__,
        }), flush=True)


def report(args):
    best = {}
    for path in args.files:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                r = json.loads(line)
                key = (r["config"], r["threads"], r["side"])
                old = best.get(key)
                for metric in ("train_samples_per_s", "inference_samples_per_s"):
                    if old is None or r[metric] > old[metric]:
                        old = dict(old or r)
                        old[metric] = r[metric]
                best[key] = old
    configs = sorted({(k[0], k[1]) for k in best})
    print(f"{'config':<11} {'threads':>7} | {'train ours':>11} {'torch':>9} {'ratio':>6} | "
          f"{'infer ours':>11} {'torch':>9} {'ratio':>6}   (samples/s, best of runs)")
    for config, threads in configs:
        ours, peer = best.get((config, threads, "swift")), best.get((config, threads, "torch"))
        if not ours or not peer:
            continue
        t0, t1 = ours["train_samples_per_s"], peer["train_samples_per_s"]
        i0, i1 = ours["inference_samples_per_s"], peer["inference_samples_per_s"]
        print(f"{config:<11} {threads:>7} | {t0:>11.1f} {t1:>9.1f} {t0 / t1:>5.2f}x | "
              f"{i0:>11.1f} {i1:>9.1f} {i0 / i1:>5.2f}x")


def golden(args):
    """Prints a tiny LSTM and GRU forward pass (for eyeballing; the test fixture is made by
    Tests/NLPNeuralTests/Fixtures/generate_rnn_goldens.py)."""
    torch.manual_seed(0)
    x = torch.randn(2, 3, 4)
    for cell in (nn.LSTM, nn.GRU):
        layer = cell(4, 3, batch_first=True)
        y, _ = layer(x)
        print(cell.__name__, json.dumps([round(v, 6) for v in y.flatten().tolist()]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--configs", default="imdb-lstm,imdb-gru,char-lstm")
    m.add_argument("--threads", type=int, default=2)
    m.add_argument("--min-seconds", type=float, default=3.0)
    r = sub.add_parser("report")
    r.add_argument("files", nargs="+")
    sub.add_parser("golden")
    args = parser.parse_args()
    {"measure": measure, "report": report, "golden": golden}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
